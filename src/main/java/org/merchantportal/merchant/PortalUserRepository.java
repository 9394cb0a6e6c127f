package org.merchantportal.merchant;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PortalUserRepository extends JpaRepository<PortalUser, Long> {

	Optional<PortalUser> findByUsername(String username);

}
